"""jixiao (绩效): budget performance self-evaluation — model, score, audit, write."""

__version__ = "0.1.0"
