"""How one engine shares answers between people whose facts answer a rule alike (behind ``facade.Engine``)."""
