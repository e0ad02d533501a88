"""The command line: the group (main), one module per command (cmd_*), their shared options and
messages (options, common), and the batch runner (batch)."""
