"""The command line: parse arguments, resolve today once, call one function, print."""
