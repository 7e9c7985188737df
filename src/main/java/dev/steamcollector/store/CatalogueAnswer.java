package dev.steamcollector.store;

import java.util.List;
import java.util.Map;

/**
 * A catalogue answer read against the appids asked, each asked appid answered at most once:
 * described, "no store item" ({@code success} other than 1), or an invalid item. An asked appid in
 * none of them is {@linkplain #missing missing}; {@code foreign} are items about appids nobody asked.
 */
public record CatalogueAnswer(
        Map<Integer, CatalogueItem> described,
        List<Integer> noStoreItem,
        Map<Integer, String> invalid,
        List<Integer> missing,
        List<Integer> foreign) {

    public CatalogueAnswer {
        described = Map.copyOf(described);
        noStoreItem = List.copyOf(noStoreItem);
        invalid = Map.copyOf(invalid);
        missing = List.copyOf(missing);
        foreign = List.copyOf(foreign);
    }
}
