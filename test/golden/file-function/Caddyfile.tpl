:{{ env "NOMAD_PORT_http" }} {
	root * /srv
	# caddy placeholders look like HCL: {$SITE_ROOT} and ${NOT_HCL}
	file_server
}
