"""The worker side of the outbox: who receives, how it looks, sending, digests.

Import rule: `services → tasks → delivery → models`. Modules here import the
models, the registry and each other (recipients ← rendering ← sending, digests),
never `services` or `tasks`: queueing work belongs to `tasks.py`.
"""
