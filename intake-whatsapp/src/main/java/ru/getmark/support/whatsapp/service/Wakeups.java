package ru.getmark.support.whatsapp.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The signals of the workers. A signal raised inside a transaction is raised when it commits: before that the worker
 * would not see the new rows yet.
 */
@ApplicationScoped
public class Wakeups {

    private final Signal inbox = new Signal();
    private final Signal outbox = new Signal();
    private final Signal reports = new Signal();
    private final TransactionSynchronizationRegistry transactions;

    Wakeups(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    public Signal inbox() {
        return inbox;
    }

    public Signal outbox() {
        return outbox;
    }

    public Signal reports() {
        return reports;
    }

    public void inboxAfterCommit() {
        afterCommit(inbox);
    }

    public void outboxAfterCommit() {
        afterCommit(outbox);
    }

    public void reportsAfterCommit() {
        afterCommit(reports);
    }

    private void afterCommit(Signal signal) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            signal.raise();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.raise();
                }
            }
        });
    }
}
