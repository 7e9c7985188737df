package dev.steamcollector.model;

/** A game whose per-game details are due, with the failed attempts behind it. */
public record DueGame(int appId, int fetchAttempts) {
}
