package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code collection_runs}. */
@Entity
@Table(name = "collection_runs")
class CollectionRunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String mode;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Column(nullable = false)
    String status;

    @Column(name = "games_listed")
    long gamesListed;

    @Column(name = "games_added")
    long gamesAdded;

    @Column(name = "games_deactivated")
    long gamesDeactivated;

    @Column(name = "games_processed")
    long gamesProcessed;

    @Column(name = "games_succeeded")
    long gamesSucceeded;

    @Column(name = "games_not_found")
    long gamesNotFound;

    @Column(name = "games_failed")
    long gamesFailed;

    long requests;

    long retries;

    @Column(name = "throttle_pauses")
    long throttlePauses;

    Long pid;

    String host;

    String message;
}
