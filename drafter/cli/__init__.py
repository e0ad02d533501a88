"""The command line: click wiring (drafter.cli.main) and the batch runner (drafter.cli.batch)."""
