"""The commands: build (one function per stage), cli, serve, init, deploy."""
