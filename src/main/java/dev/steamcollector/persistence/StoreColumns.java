package dev.steamcollector.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.CatalogueDescription;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The data columns of {@code store_details}, in the order they are bound: those of the
 * description, and those of the review summary.
 */
final class StoreColumns {

    static final List<String> DESCRIPTION = List.of("name", "type", "release_date", "release_date_text",
            "coming_soon", "is_free", "required_age", "windows", "mac", "linux", "metacritic_score", "recommendations",
            "achievements", "dlc_count", "developers_json", "publishers_json", "genres_json", "categories_json",
            "supported_languages", "full_audio_languages", "controller_support", "short_description",
            "header_image", "website");

    static final List<String> REVIEWS = List.of("review_score", "review_score_desc", "total_positive",
            "total_negative", "total_reviews");

    /** The columns the catalogue fills: those it shares with the description and reviews, and its own. */
    static final List<String> CATALOGUE = List.of("name", "type", "release_date", "release_date_text", "coming_soon",
            "is_free", "early_access", "parent_app_id", "windows", "mac", "linux", "steam_deck", "developers_json",
            "publishers_json", "categories_json", "tags_json", "supported_languages", "full_audio_languages",
            "short_description", "review_score", "review_score_desc", "review_percent_positive", "total_reviews");

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreColumns() {
    }

    /** Binds {@link #DESCRIPTION} from parameter {@code first} on; returns the next parameter index. */
    static int bind(PreparedStatement statement, int first, StoreDescription d) throws SQLException {
        int i = first;
        statement.setString(i++, d.name());
        statement.setString(i++, d.type());
        Parameters.setDate(statement, i++, d.release().date());
        statement.setString(i++, d.release().text());
        statement.setBoolean(i++, d.release().comingSoon());
        statement.setBoolean(i++, d.free());
        Parameters.setValue(statement, i++, d.requiredAge(), Types.INTEGER);
        Parameters.setValue(statement, i++, d.platforms().windows(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, d.platforms().mac(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, d.platforms().linux(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, d.metacriticScore(), Types.INTEGER);
        Parameters.setValue(statement, i++, d.recommendations(), Types.INTEGER);
        Parameters.setValue(statement, i++, d.achievements(), Types.INTEGER);
        statement.setInt(i++, d.dlcCount());
        Parameters.setJson(statement, i++, toJson(d.developers()));
        Parameters.setJson(statement, i++, toJson(d.publishers()));
        Parameters.setJson(statement, i++, toJson(d.genres()));
        Parameters.setJson(statement, i++, toJson(d.categories()));
        statement.setString(i++, d.languages().supported());
        statement.setString(i++, d.languages().fullAudio());
        statement.setString(i++, d.controllerSupport());
        statement.setString(i++, d.shortDescription());
        statement.setString(i++, d.headerImage());
        statement.setString(i++, d.website());
        return i;
    }

    /** Binds {@link #REVIEWS} from parameter {@code first} on; returns the next parameter index. */
    static int bind(PreparedStatement statement, int first, ReviewSummary r) throws SQLException {
        int i = first;
        statement.setInt(i++, r.score());
        statement.setString(i++, r.scoreLabel());
        statement.setLong(i++, r.positive());
        statement.setLong(i++, r.negative());
        statement.setLong(i++, r.total());
        return i;
    }

    /** Binds {@link #CATALOGUE} from parameter {@code first} on; returns the next parameter index. */
    static int bind(PreparedStatement statement, int first, CatalogueDescription c) throws SQLException {
        int i = first;
        statement.setString(i++, c.name());
        statement.setString(i++, c.type());
        Parameters.setDate(statement, i++, c.release().date());
        statement.setString(i++, c.release().text());
        statement.setBoolean(i++, c.release().comingSoon());
        Parameters.setValue(statement, i++, c.free(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, c.earlyAccess(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, c.parentAppId(), Types.INTEGER);
        Parameters.setValue(statement, i++, c.platforms().windows(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, c.platforms().mac(), Types.BOOLEAN);
        Parameters.setValue(statement, i++, c.platforms().linux(), Types.BOOLEAN);
        statement.setString(i++, c.steamDeck() == null ? null : c.steamDeck().toDb());
        Parameters.setJson(statement, i++, toJson(c.developers()));
        Parameters.setJson(statement, i++, toJson(c.publishers()));
        Parameters.setJson(statement, i++, toJson(c.categories()));
        Parameters.setJson(statement, i++, toJson(c.tags()));
        statement.setString(i++, c.languages().supported());
        statement.setString(i++, c.languages().fullAudio());
        statement.setString(i++, c.shortDescription());
        Parameters.setValue(statement, i++, c.reviews().score(), Types.INTEGER);
        statement.setString(i++, c.reviews().scoreLabel());
        Parameters.setValue(statement, i++, c.reviews().percentPositive(), Types.INTEGER);
        Parameters.setValue(statement, i++, c.reviews().count(), Types.BIGINT);
        return i;
    }

    /** A JSON array of the names; null when the Store sent none. */
    private static String toJson(List<String> names) {
        if (names == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of names is always JSON", e);
        }
    }
}
