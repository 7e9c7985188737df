package dev.steamcollector.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steamcollector.model.ExportColumn;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * JSON Lines: one object a line, keys the column names in column order. Numbers and booleans are
 * JSON numbers and booleans, a null is {@code null}, times are ISO-8601 UTC strings. A JSON column
 * ({@code tags_json}) is embedded as the JSON value it holds, so {@code .tags_json.FPS} works in jq;
 * text that is not valid JSON is written as a string instead.
 */
final class JsonLinesRowWriter implements RowWriter {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonGenerator generator;
    private final List<ExportColumn> columns;
    private final SerializableString[] keys;

    JsonLinesRowWriter(Writer target, List<ExportColumn> columns) throws IOException {
        this.generator = JSON.createGenerator(target);
        // each object ends its own line; Jackson's default would put a space between them
        generator.setRootValueSeparator(null);
        this.columns = List.copyOf(columns);
        this.keys = columns.stream().map(column -> new SerializedString(column.name()))
                .toArray(SerializableString[]::new);
    }

    @Override
    public void write(Object[] values) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            generator.writeFieldName(keys[i]);
            writeValue(values[i], columns.get(i).kind());
        }
        generator.writeEndObject();
        generator.writeRaw('\n');
    }

    private void writeValue(Object value, ExportColumn.Kind kind) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case Long number -> generator.writeNumber(number);
            case Boolean flag -> generator.writeBoolean(flag);
            case Instant time -> generator.writeString(time.toString());
            case String text when kind == ExportColumn.Kind.JSON -> writeJson(text);
            default -> generator.writeString(value.toString());
        }
    }

    private void writeJson(String text) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            generator.writeString(text);
        } else {
            generator.writeTree(node);
        }
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }
}
