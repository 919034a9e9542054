# A simulation batch: the task never restarts in place (its own restart block wins over the
# group's), but Nomad reschedules a failed allocation up to 15 times.
job "simulate" {
  type = "batch"

  group "sim" {
    restart {
      attempts = 2
      mode     = "fail"
    }

    reschedule {
      attempts       = 15
      interval       = "1h"
      delay          = "30s"
      delay_function = "exponential"
      unlimited      = false
    }

    task "sim" {
      driver = "docker"

      config {
        image = "example/sim:1.2"
      }

      restart {
        attempts = 0
        mode     = "fail"
      }
    }
  }
}
