"""Reading a county profile: the YAML and its line map, `extends:` merged, the schema, validation."""
