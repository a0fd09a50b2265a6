"""lscb-kb: the learning-and-improvement knowledge base for safeguarding partnerships."""

__version__ = "0.1.0"
