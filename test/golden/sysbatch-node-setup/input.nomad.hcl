# Prepares every node once: warms the image cache, then tunes the kernel.
job "node-setup" {
  datacenters = ["home"]
  type        = "sysbatch"

  constraint {
    attribute = "${attr.cpu.arch}"
    value     = "amd64"
  }

  group "setup" {
    restart {
      attempts = 1
      mode     = "fail"
    }

    network {
      port "status" {
        to = 9100
      }
    }

    task "prepull" {
      driver = "docker"

      lifecycle {
        hook = "prestart"
      }

      config {
        image   = "alpine:3.20"
        command = "sh"
        args    = ["-c", "echo warming caches on ${node.unique.name}"]
      }

      resources {
        cpu    = 50
        memory = 32
      }
    }

    task "tune" {
      driver = "docker"

      config {
        image      = "busybox:1.36"
        command    = "sh"
        args       = ["/local/tune.sh"]
        privileged = true
        ports      = ["status"]
      }

      template {
        data        = <<EOF
#!/bin/sh
sysctl -w vm.max_map_count=262144
sysctl -w fs.inotify.max_user_watches=524288
EOF
        destination = "local/tune.sh"
        perms       = "755"
      }

      service {
        name = "node-setup"
        port = "status"

        check {
          type     = "tcp"
          interval = "10s"
          timeout  = "2s"
        }
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
