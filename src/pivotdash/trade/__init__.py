"""Russia's trade by partner: derived tables, partner groups, the paper's claims checked, uploads, views."""
