"""`make chaos`: fault scenarios on the production stack of `make bench` (bench/stack.py).

Each scenario injects one failure (concurrency, a killed worker, Redis or PostgreSQL gone, bad
payment notifications, an unreachable national portal, fuzzed input), then checks the invariants
in the database: counts, the outbox delivered, nothing twice. See chaos/run.py.
"""
