package dev.offsync.conventions.internal;

/** A stand-in for an engine class, used to prove the conventions checker catches leaks. */
public final class HiddenEngineType {}
