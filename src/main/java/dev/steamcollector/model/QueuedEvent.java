package dev.steamcollector.model;

/** An event waiting in the outbox: its place in the queue, its key (the appid) and its JSON. */
public record QueuedEvent(long sequence, int appId, String json) {
}
