# A sidecar that reads its input (python3 with no script) exits at once without stdin: interactive
# and tty carry over as the container's stdin and tty.
job "notebook" {
  datacenters = ["dc1"]

  group "notebook" {
    task "model" {
      driver = "docker"

      config {
        image = "example/model-server:1.4"
      }
    }

    task "python" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image       = "python:3.12-slim"
        command     = "python3"
        interactive = true
        tty         = true
      }
    }
  }
}
