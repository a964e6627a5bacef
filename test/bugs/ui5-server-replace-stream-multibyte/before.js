// Reduced from SAP/ui5-server lib/middleware/serveResources.js before fe652e4 (Apache-2.0).
const log = require("@ui5/logger").getLogger("server:middleware:serveResources");
const mime = require("mime-types");
const replaceStream = require("replacestream");
const parseurl = require("parseurl");

const rReplaceVersion = /\.(library|js|json)$/i;

function createMiddleware({resources}) {
	return async function serveResources(req, res, next) {
		try {
			const pathname = parseurl(req).pathname;
			const resource = await resources.all.byPath(pathname);
			if (!resource) { // Not found
				next();
				return;
			}

			const resourcePath = resource.getPath();
			const type = mime.lookup(resourcePath) || "application/octet-stream";
			const charset = mime.charset(type);
			if (!res.getHeader("Content-Type")) {
				res.setHeader("Content-Type", type + (charset ? "; charset=" + charset : ""));
			}

			let stream = resource.getStream();

			// Only execute version replacement for UTF-8 encoded resources because replaceStream will always output
			//	UTF-8 anyways.
			if ((!charset || charset === "UTF-8") && rReplaceVersion.test(resourcePath)) {
				if (resource._project) {
					stream = stream.pipe(replaceStream("${version}", resource._project.version));
				} else {
					log.verbose("Project missing from resource %s", pathname);
				}
			}

			stream.pipe(res);
		} catch (err) {
			next(err);
		}
	};
}

module.exports = createMiddleware;
