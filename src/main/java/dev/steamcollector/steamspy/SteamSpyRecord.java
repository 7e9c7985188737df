package dev.steamcollector.steamspy;

import dev.steamcollector.model.GameMetadata;

/** One game as SteamSpy describes it: its name and its metadata. */
public record SteamSpyRecord(int appId, String name, GameMetadata metadata) {
}
