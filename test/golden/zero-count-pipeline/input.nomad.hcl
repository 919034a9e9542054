# A pipeline whose stages start at count = 0: a controller task scales them up one after
# another through the Nomad API. Nothing but the controller ran when the job was submitted.
job "etl" {
  type = "batch"

  group "controller" {
    task "scheduler" {
      driver = "docker"

      config {
        image = "example/stage-runner:1.4"
        args  = ["run", "--next", "extract"]
      }

      env {
        NOMAD_ADDR = "http://10.0.0.5:4646"
      }
    }
  }

  group "extract" {
    count = 0

    meta {
      next = "load"
    }

    task "extract" {
      driver = "docker"

      config {
        image = "example/extract:2.0"
      }
    }
  }
}
