package io.pollen.reactor;

/**
 * An intrusive doubly-linked list of timers: one per wheel bucket, plus the wheel's list of timers
 * being fired. Linking and unlinking are O(1) and allocate nothing.
 *
 * <p>Not thread-safe; owned by the wheel's thread.
 */
final class TimerList {
    private WheelTimer head;
    private WheelTimer tail;

    boolean isEmpty() {
        return head == null;
    }

    void addLast(WheelTimer timer) {
        timer.list = this;
        timer.prev = tail;
        timer.next = null;
        if (tail == null) {
            head = timer;
        } else {
            tail.next = timer;
        }
        tail = timer;
    }

    void remove(WheelTimer timer) {
        if (timer.prev == null) {
            head = timer.next;
        } else {
            timer.prev.next = timer.next;
        }
        if (timer.next == null) {
            tail = timer.prev;
        } else {
            timer.next.prev = timer.prev;
        }
        timer.prev = null;
        timer.next = null;
        timer.list = null;
    }

    WheelTimer first() {
        return head;
    }

    WheelTimer pollFirst() {
        WheelTimer first = head;
        if (first != null) {
            remove(first);
        }
        return first;
    }
}
