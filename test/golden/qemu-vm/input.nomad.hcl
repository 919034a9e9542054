# Home Assistant OS as a VM: the disk image downloaded from its release, the UI behind Traefik.
job "haos" {
  datacenters = ["home"]

  constraint {
    attribute = "${attr.cpu.arch}"
    value     = "amd64"
  }

  group "haos" {
    network {
      port "http" {
        static = 8123
      }
      port "ssh" {}
    }

    service {
      name = "haos"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.haos.rule=Host(`ha.example.org`)",
      ]

      check {
        type     = "http"
        path     = "/"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "vm" {
      driver       = "qemu"
      kill_timeout = "90s"

      artifact {
        source      = "https://github.com/home-assistant/operating-system/releases/download/13.2/haos_ova-13.2.qcow2.xz"
        destination = "local"

        options {
          checksum = "sha256:4c2e4d8f7b1f5a3d9e6c0b2a8f7e1d3c5b9a0e2f4d6c8b1a3e5f7d9c0b2a4e6f"
        }
      }

      config {
        image_path      = "local/haos_ova-13.2.qcow2"
        accelerator     = "kvm"
        drive_interface = "virtio"
        graphics        = false
        args            = ["-smp", "2", "-bios", "/usr/share/ovmf/OVMF.fd", "-device", "virtio-rng-pci"]

        port_map {
          http = 8123
          ssh  = 22222
        }
      }

      resources {
        cpu    = 2000
        memory = 4096
      }
    }
  }
}
