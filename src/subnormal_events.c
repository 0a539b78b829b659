/* The counters of the subnormal-counting build (kernels/vec/subnormal_events.h). */
#include "vec/subnormal_events.h"

#include <string.h>

_Thread_local unsigned long actfast__subnormal_events[AF_EV_COUNT];

void actfast__subnormal_events_reset(void)
{
    memset(actfast__subnormal_events, 0, sizeof actfast__subnormal_events);
}

const char *actfast__subnormal_event_name(int e)
{
    static const char *const names[] = {
#define AF_SUBNORMAL_EVENT_NAME(name) #name,
        AF_SUBNORMAL_EVENTS(AF_SUBNORMAL_EVENT_NAME)
#undef AF_SUBNORMAL_EVENT_NAME
    };
    return e >= 0 && e < AF_EV_COUNT ? names[e] : "?";
}
