package dev.steamcollector.cli;

import dev.steamcollector.config.ConfigException;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.notify.DiscordWebhook;
import dev.steamcollector.persistence.DatabaseException;
import dev.steamcollector.pipeline.RunFailure;
import dev.steamcollector.pipeline.StopSignal;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/** The exit codes of SPEC, and the one place that maps a failure to one of them. */
public final class ExitCodes implements IExitCodeExceptionMapper {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int TOO_MANY_FAILURES = 3;
    public static final int TEMPORARILY_UNABLE = 75;
    public static final int HUNG_UP = 129;
    public static final int INTERRUPTED = 130;
    public static final int TERMINATED = 143;

    /** The code of a run a signal stopped: 128 plus the signal's number. */
    public static int of(StopSignal.Reason signal) {
        return switch (signal) {
            case SIGHUP -> HUNG_UP;
            case SIGINT -> INTERRUPTED;
            default -> TERMINATED;
        };
    }

    @Override
    public int getExitCode(Throwable failure) {
        return switch (failure) {
            case ParameterException e -> USAGE;
            case ConfigException e -> USAGE;
            case DatabaseException e -> switch (e.reason()) {
                case UNAVAILABLE -> TEMPORARILY_UNABLE;
                case MISCONFIGURED -> USAGE;
                case FAILED -> FAILED;
            };
            case RunFailure.Interrupted e -> of(e.signal());
            case RunFailure.TooManyFailures e -> TOO_MANY_FAILURES;
            case RunFailure.LockHeld e -> TEMPORARILY_UNABLE;
            case FetchException.EndpointDown e -> TEMPORARILY_UNABLE;
            case FetchException.Retryable e -> TEMPORARILY_UNABLE;
            case DiscordWebhook.Postponed e -> TEMPORARILY_UNABLE;
            default -> FAILED;
        };
    }
}
