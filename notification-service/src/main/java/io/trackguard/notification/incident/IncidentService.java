package io.trackguard.notification.incident;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of incidents; opening them from security events comes with the detection issue. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentService {

    public List<Incident> newestFirst(int page, int size) {
        return Incident.findAll(Sort.descending("openedAt")).page(Page.of(page, size)).list();
    }

    public Optional<Incident> find(UUID id) {
        return Incident.findByIdOptional(id);
    }
}
