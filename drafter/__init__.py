"""drafter: county IP work plans, from a YAML profile to a GB/T 9704 .docx."""

__version__ = "0.1.0"
