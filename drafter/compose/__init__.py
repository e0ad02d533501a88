"""Composing: profile + library -> document model (task selection, numbering, targets, departments).

Import the module you need (drafter.compose.plan, .report, .departments …); this package
re-exports nothing, so that drafter.compose.figures loads without the composer."""
