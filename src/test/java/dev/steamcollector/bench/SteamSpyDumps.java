package dev.steamcollector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** Reads appids and names from the SteamSpy {@code request=all} dumps (tar.gz of JSON pages). */
final class SteamSpyDumps {

    /** The dumps, oldest first, so that the newer name of an app wins. */
    static final List<String> FILES = List.of("steamspy-all-2023-02-04.tgz", "steamspy-all-2025-01-01.tgz");

    private static final int BLOCK = 512;

    private SteamSpyDumps() {
    }

    /** The dumps present in {@code directory}, oldest first. */
    static List<Path> find(Path directory) {
        return FILES.stream().map(directory::resolve).filter(Files::isRegularFile).toList();
    }

    /** Every unique app of the dumps, by ascending appid; a later dump's name replaces an earlier one. */
    static SortedMap<Integer, String> readApps(List<Path> dumps) throws IOException {
        ObjectMapper json = new ObjectMapper();
        SortedMap<Integer, String> apps = new TreeMap<>();
        for (Path dump : dumps) {
            try (DataInputStream tar = new DataInputStream(new GZIPInputStream(Files.newInputStream(dump), 1 << 16))) {
                readTar(tar, json, apps);
            }
        }
        return apps;
    }

    /** A minimal ustar reader: regular files only, which is all these dumps hold. */
    private static void readTar(DataInputStream tar, ObjectMapper json, SortedMap<Integer, String> apps)
            throws IOException {
        byte[] header = new byte[BLOCK];
        while (true) {
            try {
                tar.readFully(header);
            } catch (EOFException end) {
                return;
            }
            if (header[0] == 0) {
                return; // the zero blocks that end an archive
            }
            String name = text(header, 0, 100);
            long size = Long.parseLong(text(header, 124, 12).trim(), 8);
            byte type = header[156];
            byte[] data = new byte[Math.toIntExact(size)];
            tar.readFully(data);
            tar.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            if ((type == '0' || type == 0) && name.endsWith(".json")) {
                addPage(json.readTree(data), apps);
            }
        }
    }

    private static void addPage(JsonNode page, SortedMap<Integer, String> apps) {
        for (JsonNode record : page) {
            int appId = record.path("appid").asInt(0);
            if (appId > 0) {
                apps.put(appId, record.path("name").asText(""));
            }
        }
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
