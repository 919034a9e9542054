[server]
port = {{ env "NOMAD_PORT_http" }}
