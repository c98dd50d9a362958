"""The pure eligibility engine: facts in, outcomes out, no Django and no database.

Rules are data (``criteria``, ``rulesets``), evaluators are small functions over frozen facts (``evaluators``),
``facade.Engine`` evaluates a rule for a person or a collective, ``jsonio`` reads and writes the JSON edge.
What makes a province pass fast (sharing answers between people, fast initialisation) lives in ``sharing``,
behind the ``Engine`` façade. The Django side of the app (``thidua.rules``: models, selectors, services,
views) builds the facts from the database; nothing here imports it (``tests/test_pure.py``).
"""
