//! Where the bucket and the credentials come from: the flags and environment of `args`, then the
//! credentials in the order AWS tools use (`bookstore::environment`, shared with the Python module).

use bookstore::environment::Location;
use bookstore::Settings;

use crate::args::SettingsArgs;
use crate::commands::Failure;

pub fn settings(args: &SettingsArgs) -> Result<Settings, Failure> {
    let location = Location {
        endpoint: args.endpoint.clone(),
        region: args.region.clone(),
        bucket: args.bucket.clone(),
        path_style: args.path_style,
        workspace_prefix: args.workspace_prefix.clone(),
        published_prefix: args.published_prefix.clone(),
        user: args.user.clone(),
        profile: args.profile.clone(),
        tag_versions: args.tag_versions,
    };
    location.settings().map_err(Failure::Local)
}
