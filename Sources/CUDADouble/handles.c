// Registries of live objects behind opaque handles. A handle is
// 0xCD00_0000_0000_0000 | kind << 48 | slot << 4, so no two objects ever share one, handles of
// different kinds never collide, and a handle is never a pointer a caller could dereference.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>

#define HANDLE_TAG 0xCD00000000000000ull

void *handle_make(enum handle_kind kind, unsigned long long slot) {
    return (void *)(uintptr_t)(HANDLE_TAG | (unsigned long long)kind << 48 | slot << 4);
}

// The slot of `handle` in `registry`, or SIZE_MAX when it is not a handle of that kind.
static size_t slot_of(const struct registry *registry, const void *handle) {
    unsigned long long value = (unsigned long long)(uintptr_t)handle;
    if ((value & 0xFF00000000000000ull) != HANDLE_TAG) return SIZE_MAX;
    if ((value >> 48 & 0xFF) != (unsigned long long)registry->kind || (value & 0xF) != 0) return SIZE_MAX;
    unsigned long long slot = (value & 0x0000FFFFFFFFFFFFull) >> 4;
    if (slot == 0 || slot > registry->count) return SIZE_MAX;
    return (size_t)slot - 1;
}

void *registry_add(struct registry *registry, void *item) {
    if (registry->count == registry->capacity) {
        size_t capacity = registry->capacity ? registry->capacity * 2 : 64;
        void **items = realloc(registry->items, capacity * sizeof *items);
        if (!items) return NULL;
        registry->items = items;
        registry->capacity = capacity;
    }
    registry->items[registry->count++] = item;
    registry->live++;
    return handle_make(registry->kind, registry->count);
}

void *registry_find(const struct registry *registry, const void *handle) {
    size_t slot = slot_of(registry, handle);
    return slot == SIZE_MAX ? NULL : registry->items[slot];
}

void *registry_remove(struct registry *registry, const void *handle) {
    size_t slot = slot_of(registry, handle);
    if (slot == SIZE_MAX || !registry->items[slot]) return NULL;
    void *item = registry->items[slot];
    registry->items[slot] = NULL;
    registry->live--;
    return item;
}

// Forgets every object (their owners free them); slots stay used, so old handles stay invalid.
void registry_clear(struct registry *registry) {
    for (size_t i = 0; i < registry->count; i++) registry->items[i] = NULL;
    registry->live = 0;
}
