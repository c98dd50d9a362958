"""The eligibility engine: which title or form each person and collective qualifies for, and why.

Pure code (facts in, outcomes out): nothing here but ``apps.py``, ``selectors.py`` and the management
command imports Django, so the engine runs on a whole province in one pass and is tested without a database.
"""
