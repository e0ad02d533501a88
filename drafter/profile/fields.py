"""Names of profile fields that the schema and the composer both know."""

# The county's own framing (profile `framing:`), woven into 指导思想 and the goals where given:
# the regional strategy it belongs to, its industry-cluster formula, the province's instruction
# phrase, its development slogan, and the political line its 指导思想 opens with (guidance; without
# it, the line of the document's date: templates/catalogue/guidance.yaml).
OWN_PRINCIPLES = "own"  # in plan.principles: where the county's own principles stand

FRAMING = ("regional_strategy", "industry_system", "instruction", "slogan", "guidance")
