"""Forms of the councils, each area in its own module."""
