package dev.steamcollector.http;

import java.io.IOException;

/** Turns a successful answer's body into a value; throws for a body that does not have the expected shape. */
@FunctionalInterface
public interface BodyParser<T> {

    T parse(String body) throws IOException;
}
