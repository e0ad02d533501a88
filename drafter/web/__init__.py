"""drafter serve: a local web app over drafter.api for clerks who know Word, not YAML."""
