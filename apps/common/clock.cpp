// The clock of this build (spec §1 "time"). Compiled twice: with IMCOMPLY_TEST_CLOCK (the test
// build, bench/, the acceptance checks) $IMCOMPLY_NOW replaces the machine's clock; without it a
// set $IMCOMPLY_NOW stops the program, so that a production build can never purge early or stamp
// a false time.
#include <cstdlib>

#include "common/cli.hpp"
#include "imcomply/error.hpp"
#include "imcomply/install.hpp"

namespace imcomply::cli {

#ifdef IMCOMPLY_TEST_CLOCK
bool test_clock_build() { return true; }

void check_clock_environment() {}  // a bad value is rejected when the clock is read (exit 3)

Instant clock_now() {
  const char* fake = environment("IMCOMPLY_NOW");  // a setgid install never believes it
  if (fake && *fake) return test_clock_reading(fake);
  return now();
}
#else
bool test_clock_build() { return false; }

void check_clock_environment() {
  if (std::getenv("IMCOMPLY_NOW"))
    throw UsageError("IMCOMPLY_NOW is set, but this build always uses the machine's clock",
                     "unset IMCOMPLY_NOW; only a build configured with -DIMCOMPLY_TEST_CLOCK=ON honours it");
}

Instant clock_now() { return now(); }
#endif

}  // namespace imcomply::cli
