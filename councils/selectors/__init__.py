"""Read use cases of the councils, each area in its own module."""
