def run(statements):
    """A migration operation that runs these SQL statements on PostgreSQL and nothing elsewhere."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation
