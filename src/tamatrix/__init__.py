"""ta-matrix: the technical assistance needs of UNCAC reviews, kept, analysed and matched."""

__version__ = "0.1.0"
