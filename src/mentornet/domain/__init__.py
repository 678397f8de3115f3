"""Pure decisions over plain values: no database, no clock, no printing."""
