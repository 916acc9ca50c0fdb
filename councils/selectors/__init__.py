"""Read use cases of the councils, each area in its own module."""
"""Read use cases of the councils, one module per area."""
