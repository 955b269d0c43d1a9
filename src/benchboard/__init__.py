"""benchboard: static report sites for AI model evaluation results."""

__version__ = "0.1.0"
