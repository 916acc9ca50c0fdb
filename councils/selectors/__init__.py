"""Read use cases of the councils, one module per area."""
