package org.kfm.projection.swap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kfm.projection.db.PgIdentifier;

/** What a grant comparison notices beyond gaps: different owners, and wider access on the shadow. */
final class AclNotes {
    private AclNotes() {
    }

    static List<String> notes(PgIdentifier live, PgIdentifier shadow, List<AclEntry> liveAcl, List<AclEntry> shadowAcl,
            Optional<PgIdentifier> readerRole) {
        List<String> notes = new ArrayList<>(owners(live, shadow, liveAcl, shadowAcl));
        Set<AclEntry.Held> liveHeld = liveAcl.stream().filter(AclEntry::isGrant).map(AclEntry::held)
                .collect(Collectors.toSet());
        String reader = readerRole.map(PgIdentifier::name).orElse(null);
        for (AclEntry e : shadowAcl) {
            boolean onLiveObject = liveAcl.stream().anyMatch(l -> l.object().equals(e.object()));
            if (e.isGrant() && onLiveObject && !e.grantee().equals(reader) && !liveHeld.contains(e.held())) {
                notes.add(e.grantee() + " holds " + e.privilege() + " on " + e.object().describe(shadow.name())
                        + " but not on " + e.object().describe(live.name())
                        + " (revoked on live? revoke it on the shadow too if it should stay revoked)");
            }
        }
        return notes;
    }

    private static List<String> owners(PgIdentifier live, PgIdentifier shadow, List<AclEntry> liveAcl,
            List<AclEntry> shadowAcl) {
        Map<AclEntry.ObjectRef, String> shadowOwners = new HashMap<>();
        shadowAcl.forEach(e -> shadowOwners.put(e.object(), e.owner()));
        List<String> notes = new ArrayList<>();
        Set<AclEntry.ObjectRef> seen = new java.util.HashSet<>();
        for (AclEntry e : liveAcl) {
            String other = shadowOwners.get(e.object());
            boolean owned = !e.kind().equals("default") && !e.kind().equals("column");
            if (owned && other != null && !other.equals(e.owner()) && seen.add(e.object())) {
                notes.add(e.object().describe(shadow.name()) + " is owned by " + other + ", "
                        + e.object().describe(live.name()) + " by " + e.owner() + " (ownership is not replayed)");
            }
        }
        return notes;
    }
}
