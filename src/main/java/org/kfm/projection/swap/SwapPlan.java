package org.kfm.projection.swap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * The renames of one swap or rollback, decided from the schemas that exist when the transaction
 * runs. Pure: no database access, so every case is unit-tested.
 *
 * @param liveGeneration the generation that will be live, when known
 * @param previous the schema that will be kept for rollback, if any
 * @param retired the old previous generation renamed aside, if any
 */
record SwapPlan(String action, List<Rename> renames, OptionalLong liveGeneration, Optional<PgIdentifier> previous,
        Optional<PgIdentifier> retired) {

    record Rename(PgIdentifier from, PgIdentifier to) {
    }

    /** shadow becomes live; live becomes previous; the old previous is renamed aside to be dropped. */
    static SwapPlan swap(GenerationNames n, SchemaState s, long generation) {
        if (!s.exists(n.shadow().name())) {
            throw new KfmException(ErrorCode.FAILED, "no-shadow", "cannot swap: schema " + n.shadow()
                    + " does not exist, so there is no new generation to make live. Build one first "
                    + "(kfm-projection rebuild). Nothing was changed.");
        }
        List<Rename> renames = new ArrayList<>();
        Optional<PgIdentifier> retired = Optional.empty();
        Optional<PgIdentifier> previous = Optional.empty();
        if (s.exists(n.live().name())) {
            if (s.exists(n.previous().name())) {
                // named after its own generation when recorded, else after the swap that retires it
                PgIdentifier aside = n.retired(s.generation(n.previous().name()).orElse(generation));
                requireFree(s, aside, "swap");
                renames.add(new Rename(n.previous(), aside));
                retired = Optional.of(aside);
            }
            renames.add(new Rename(n.live(), n.previous()));
            previous = Optional.of(n.previous());
        } else if (s.exists(n.previous().name())) {
            previous = Optional.of(n.previous()); // no live (first swap, or dropped by hand): keep prev as is
        }
        renames.add(new Rename(n.shadow(), n.live()));
        return new SwapPlan("swap", renames, OptionalLong.of(generation), previous, retired);
    }

    /** live and previous trade places, through a temporary name, in one transaction. */
    static SwapPlan rollback(GenerationNames n, SchemaState s) {
        if (!s.exists(n.previous().name())) {
            throw new KfmException(ErrorCode.BAD_USAGE, "no-previous-generation", "cannot roll back: there is no "
                    + "previous generation (schema " + n.previous() + " does not exist: nothing has been swapped out "
                    + "yet, or it was pruned). Nothing was changed.");
        }
        OptionalLong generation = s.generation(n.previous().name());
        if (!s.exists(n.live().name())) {
            return new SwapPlan("rollback", List.of(new Rename(n.previous(), n.live())), generation,
                    Optional.empty(), Optional.empty());
        }
        requireFree(s, n.rollbackTemp(), "roll back");
        return new SwapPlan("rollback", List.of(new Rename(n.live(), n.rollbackTemp()),
                new Rename(n.previous(), n.live()), new Rename(n.rollbackTemp(), n.previous())), generation,
                Optional.of(n.previous()), Optional.empty());
    }

    private static void requireFree(SchemaState s, PgIdentifier name, String action) {
        if (s.exists(name.name())) {
            throw new KfmException(ErrorCode.FAILED, "swap-name-taken", "cannot " + action + ": schema " + name
                    + " already exists and the " + action + " needs that name. Inspect it and drop it (or run "
                    + "kfm-projection prune), then try again. Nothing was changed.");
        }
    }
}
