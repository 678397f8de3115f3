"""The SQLite store: opening it safely, plain-SQL reads, SQLModel writes."""
