"""Demo and synthetic data loaders behind ``manage.py seed``."""
