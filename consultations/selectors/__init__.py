"""Read use cases of consultations and events, one module per area."""
